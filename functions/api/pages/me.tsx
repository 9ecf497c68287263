/** The signed-in donor's own pages, mounted at /me: my donations (receipts, one-stop requests). */
import { createRouter } from '../router.js';
import { servicesOf } from '../services.js';
import { pageCtx, renderPersonalPage, signInRedirect } from '../page-context.js';
import { myDonationRow } from '../presenters/donations.js';
import { myDonations } from '../../services/donations.js';
import { MyDonationsPage } from '../../../web/pages/my-donations.js';

export const mePages = createRouter();

const render = renderPersonalPage;

const signIn = signInRedirect;

mePages.get('/donations', async (c) => {
  const p = c.var.principal;
  if (!p) return signIn(c);
  const ctx = servicesOf(c);
  const lang = c.var.lang;
  const { donations, towns, oneStop } = await myDonations(ctx, p);
  const rows = donations.map(({ donation, links }) => myDonationRow(lang, donation, links, towns.get(donation.receivingTown)));
  return render(c, <MyDonationsPage ctx={pageCtx(c)} rows={rows} oneStop={oneStop} />);
});
