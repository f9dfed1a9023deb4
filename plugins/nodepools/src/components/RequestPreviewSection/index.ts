export { RequestPreviewSection } from './RequestPreviewSection';
export { PreviewWarnings } from './PreviewWarnings';
export { ServerVerdicts } from './ServerVerdicts';
