/**
 * The Shoelace components the pages use, from the WebJar's self-contained cdn/ build (it bundles its
 * own Lit), imported one by one instead of through the autoloader so the browser fetches them at once.
 */
import { getBasePath, setBasePath } from 'shoelace/utilities/base-path.js';
import { registerIconLibrary } from 'shoelace/utilities/icon-library.js';
import 'shoelace/translations/zh-cn.js';
import 'shoelace/components/alert/alert.js';
import 'shoelace/components/button/button.js';
import 'shoelace/components/button-group/button-group.js';
import 'shoelace/components/checkbox/checkbox.js';
import 'shoelace/components/dialog/dialog.js';
import 'shoelace/components/drawer/drawer.js';
import 'shoelace/components/dropdown/dropdown.js';
import 'shoelace/components/icon/icon.js';
import 'shoelace/components/icon-button/icon-button.js';
import 'shoelace/components/input/input.js';
import 'shoelace/components/menu/menu.js';
import 'shoelace/components/menu-item/menu-item.js';
import 'shoelace/components/option/option.js';
import 'shoelace/components/progress-bar/progress-bar.js';
import 'shoelace/components/radio-button/radio-button.js';
import 'shoelace/components/radio-group/radio-group.js';
import 'shoelace/components/select/select.js';
import 'shoelace/components/skeleton/skeleton.js';
import 'shoelace/components/spinner/spinner.js';
import 'shoelace/components/switch/switch.js';
import 'shoelace/components/tag/tag.js';
import 'shoelace/components/textarea/textarea.js';
import 'shoelace/components/tooltip/tooltip.js';

// icons and other assets load from the WebJar's versioned path
setBasePath('/webjars/shoelace-style__shoelace/2.17.1/cdn');

/*
 * Shoelace's own "system" icons (carets, checkmarks, close buttons) are data: URLs that it fetch()es,
 * which the Content-Security-Policy (connect-src falls back to 'self') refuses. The same glyphs exist
 * as Bootstrap Icons files in the WebJar; the system library resolves to those instead.
 */
const SYSTEM_ICONS = { caret: 'chevron-down', check: 'check-lg', indeterminate: 'dash-lg', radio: 'circle-fill' };
registerIconLibrary('system', {
  resolver: (name) => getBasePath(`assets/icons/${SYSTEM_ICONS[name] ?? name}.svg`),
});
