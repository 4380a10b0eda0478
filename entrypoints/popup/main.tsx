import { render } from 'preact';
import { loadPopupData, PopupApp } from '../../src/ui/pages/popup/PopupApp.tsx';
import '../../src/ui/pages/theme.css';
import '../../src/ui/pages/popup/popup.css';

// The requests leave before the first render: the popup's open time is mostly waiting for them.
const initialLoad = loadPopupData();
render(<PopupApp initialLoad={initialLoad} />, document.getElementById('app')!);
