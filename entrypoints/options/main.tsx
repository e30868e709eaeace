// Options entry: renders the options page against the background.
import { render } from 'preact';
import { sendMessage } from '../../utils/messaging/client';
import { OptionsPage } from '../../components/OptionsPage';
import '../../components/styles.css';

render(<OptionsPage send={sendMessage} />, document.getElementById('app')!);
