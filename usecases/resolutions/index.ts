/** Acts on a resolution as a whole: its stage, adoption, publication and versions. */
export { changeStage } from './change-stage';
export { adoptResolution as adopt } from './adopt-resolution';
export { publishResolution as publish } from './publish-resolution';
export { saveVersion, restoreVersion } from './versions';
export { createResolution } from './create-resolution';
