/** The staff pages (loaded only for ADMIN and OPERATOR: a distributor's browser never fetches them). */
import 'shoelace/components/badge/badge.js';
import 'shoelace/components/tab-group/tab-group.js';
import 'shoelace/components/tab/tab.js';
import 'shoelace/components/tab-panel/tab-panel.js';
import '../pages/profile.js';
import './forbidden.js';
import './overview.js';
import './distributors.js';
import './teams.js';
import './codes.js';
import './plans.js';
import './orders.js';
import './invitations.js';
import './protection.js';
import './settlement.js';
import './accounts.js';
import './audit.js';
