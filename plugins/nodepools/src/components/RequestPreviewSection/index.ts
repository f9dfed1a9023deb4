export { RequestPreviewSection } from './RequestPreviewSection';
export { PreviewWarnings } from './PreviewWarnings';
