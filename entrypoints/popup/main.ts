import '../../src/ui/pages/theme.css';
import '../../src/ui/pages/popup/popup.css';
import { restLoaded } from '../../src/ui/pages/popup/handoff.ts';
import { localLastView } from '../../src/ui/pages/popup/lastView.ts';
import { mountPopup } from '../../src/ui/pages/popup/mountPopup.tsx';

// The rest of the popup: handed to the first script (popup-start.ts), which mounts it once its
// paint of the last view is on screen (or starts the popup here, should that script not have run).
restLoaded(document.getElementById('app')!, { mountPopup, readLastView: () => localLastView.read() });
