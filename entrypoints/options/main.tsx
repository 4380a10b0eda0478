import { render } from 'preact';
import { OptionsApp } from '../../src/ui/pages/options/OptionsApp.tsx';
import '../../src/ui/pages/theme.css';
import '../../src/ui/pages/options/options.css';
import '../../src/ui/pages/history/history.css';

render(<OptionsApp />, document.getElementById('app')!);
