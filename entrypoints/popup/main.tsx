import { render } from 'preact';
import { PopupApp } from '../../src/ui/pages/popup/PopupApp.tsx';
import '../../src/ui/pages/theme.css';
import '../../src/ui/pages/popup/popup.css';

render(<PopupApp />, document.getElementById('app')!);
