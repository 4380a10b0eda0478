import { startPopup } from '../../src/ui/pages/popup/start.ts';
import '../../src/ui/pages/theme.css';
import '../../src/ui/pages/popup/popup.css';

// The last view is painted first; Preact and the rest of the popup load after that paint.
startPopup(document.getElementById('app')!, () => import('../../src/ui/pages/popup/mountPopup.tsx'));
