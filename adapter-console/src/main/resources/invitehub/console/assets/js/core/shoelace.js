/**
 * The Shoelace components of the first screens (sign-in, sign-up, the customers' page), from the
 * WebJar's self-contained cdn/ build (it bundles its own Lit), imported one by one instead of through
 * the autoloader so the browser fetches them at once. The console's other components load after
 * sign-in (../console/shoelace-console.js): the sign-in page needs about half of Shoelace's files.
 */
import { getBasePath, setBasePath } from 'shoelace/utilities/base-path.js';
import { registerIconLibrary } from 'shoelace/utilities/icon-library.js';
import 'shoelace/translations/zh-cn.js';
import 'shoelace/components/alert/alert.js';
import 'shoelace/components/button/button.js';
import 'shoelace/components/dropdown/dropdown.js';
import 'shoelace/components/icon/icon.js';
import 'shoelace/components/icon-button/icon-button.js';
import 'shoelace/components/input/input.js';
import 'shoelace/components/menu/menu.js';
import 'shoelace/components/menu-item/menu-item.js';
import 'shoelace/components/spinner/spinner.js';

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
