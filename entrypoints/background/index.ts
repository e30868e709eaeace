// Background wiring only: build the services with their clients, register handlers.
import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {});
