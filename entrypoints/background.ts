import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // Wired up in src/background (see the store and messaging modules).
});
