/** Number reading shared by the forms, the link parser and the bucket validator. */
export { parseDecimal } from './decimal';
