/**
 * The treasurers' back office, mounted at /treasurer: the desk (dashboard, annual report, bank account),
 * allocations, disbursements, fund governance, one-stop requests, donations and refunds, corporate pledges
 * and regional plans. Paths inside are relative to /treasurer; `/allocations/new` is registered before
 * `/allocations/:id`, so it wins.
 */
import { createRouter } from '../router.js';
import { allocationPages } from './treasurer/allocations.js';
import { deskPages } from './treasurer/desk.js';
import { disbursementPages } from './treasurer/disbursements.js';
import { townDonationPages } from './treasurer/donations.js';
import { fundGovernancePages } from './treasurer/funds.js';
import { oneStopPages } from './treasurer/one-stop.js';
import { treasurerPledgePages } from './treasurer/pledges.js';
import { regionalPlanPages } from './treasurer/regional-plans.js';

export const treasurerPages = createRouter()
  .route('/', deskPages)
  .route('/', allocationPages)
  .route('/', disbursementPages)
  .route('/', fundGovernancePages)
  .route('/', oneStopPages)
  .route('/', townDonationPages)
  .route('/', treasurerPledgePages)
  .route('/', regionalPlanPages);
