import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { firstScriptStarted, whenRestLoaded } from '../src/ui/pages/popup/handoff.ts';
import { startPopup } from '../src/ui/pages/popup/start.ts';

// The popup's first script (popup-start.js), a classic script in one file that popup.html runs as
// soon as it has loaded: it asks the background and paints the last view while the browser is still
// loading the rest of the popup (popup/main.ts), which takes over after that first paint.
export default defineUnlistedScript(() => {
  firstScriptStarted();
  startPopup(document.getElementById('app')!, () => whenRestLoaded());
});
