import { render } from 'preact';
import { WelcomeApp } from '../../src/ui/pages/welcome/WelcomeApp.tsx';
import '../../src/ui/pages/theme.css';
import '../../src/ui/pages/options/options.css';
import '../../src/ui/pages/history/history.css';

render(<WelcomeApp />, document.getElementById('app')!);
