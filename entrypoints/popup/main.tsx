import { render } from 'preact'; render(<p>Undercurrent</p>, document.getElementById('app')!);
