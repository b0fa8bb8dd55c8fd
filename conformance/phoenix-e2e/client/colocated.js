/**
 * The colocated hooks module the layouts import (`/assets/colocated/index.js`): Phoenix builds
 * it from the `<script :type={ColocatedHook}>` tags of the app's views. LiveTSX has no colocated
 * hooks, so it exports none; the colocated page's specs say so in expected-failures.ts.
 */
export const hooks = {};
export default {};
