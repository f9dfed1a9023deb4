// One definition of "Go is installed" for the CRD lookup, the builds, the skips and CI; the
// data-only module, as `yarn cluster:start` runs this code with Node's own type stripping.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
export { findGo } from '@nodepools/crd-validation/src/findGo.ts';
