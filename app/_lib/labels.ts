// Dates are written one way across the app: "1 April 2010, 14:05 UTC" ("1er avril 2010 à 14:05 UTC" in French).
export { formatDate, formatDateTime } from './dates';
