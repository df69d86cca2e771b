/** The Shoelace components the signed-in console adds to those of the first screens (../core/shoelace.js). */
import 'shoelace/components/button-group/button-group.js';
import 'shoelace/components/checkbox/checkbox.js';
import 'shoelace/components/dialog/dialog.js';
import 'shoelace/components/drawer/drawer.js';
import 'shoelace/components/option/option.js';
import 'shoelace/components/progress-bar/progress-bar.js';
import 'shoelace/components/radio-button/radio-button.js';
import 'shoelace/components/radio-group/radio-group.js';
import 'shoelace/components/select/select.js';
import 'shoelace/components/skeleton/skeleton.js';
import 'shoelace/components/switch/switch.js';
import 'shoelace/components/tag/tag.js';
import 'shoelace/components/textarea/textarea.js';
import 'shoelace/components/tooltip/tooltip.js';
