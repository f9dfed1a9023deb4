/**
 * The NodePools permission policy as a permission backend module.
 *
 * @packageDocumentation
 */
export { permissionModuleNodePoolsPolicy as default } from './module';
