/**
 * The risk engine in the browser: the same validation messages as the API, instant previews of a
 * scenario while its ranges are edited, and closed-form means. (Stored results always come from
 * the server; these never replace them.)
 */
export { expectedAnnualLoss, simulateModel, validateModel, type ModelProblem, type Risk } from '../../../../src/engine/index';
