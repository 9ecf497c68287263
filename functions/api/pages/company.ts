/**
 * The company's workspace, mounted at /company: the dashboard and profile, applications, the operating
 * company's side of a challenge (progress updates, moves, disbursement requests) and corporate pledges.
 * Paths inside are relative to /company; `/applications/new` and `/pledges/new` are registered before
 * their `/:id` routes, so they win.
 */
import { createRouter } from '../router.js';
import { companyApplicationPages } from './company/applications.js';
import { companyChallengePages } from './company/challenges.js';
import { companyHomePages } from './company/dashboard.js';
import { disbursementRequestPages } from './company/disbursements.js';
import { companyPledgePages } from './company/pledges.js';

export const companyPages = createRouter()
  .route('/', disbursementRequestPages)
  .route('/', companyHomePages)
  .route('/', companyApplicationPages)
  .route('/', companyChallengePages)
  .route('/', companyPledgePages);
