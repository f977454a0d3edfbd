import { defineBackground } from 'wxt/utils/define-background';

// Wiring only: listeners are registered synchronously in main(), then call into lib/.
export default defineBackground(() => {});
