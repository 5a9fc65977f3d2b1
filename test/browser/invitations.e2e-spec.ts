import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/app';
import { createPacificSummit, PacificSummit } from '../support/pacific-summit';
import { webClientSuite } from '../support/web-client-suite';

jest.setTimeout(120_000);

/**
 * A host administrator invites people into New Zealand's delegation from the
 * summit page, revokes one invitation, and the other invitee accepts the
 * mailed link and lands in the summit, named in the delegation.
 */
describe('Web client invitations into a delegation', () => {
  const suite = webClientSuite();
  let summit: PacificSummit;
  let admin: Page;

  beforeAll(async () => {
    summit = await createPacificSummit(suite.app);
    admin = (await suite.openBrowser()).page;
    await suite.submitSignIn(admin, 'admin@plenary.test');
    await admin.getByRole('heading', { level: 1, name: 'Summits' }).waitFor();
    await admin.goto(`${suite.app.url}/summits/${summit.summitId}`);
    await admin.getByRole('heading', { level: 1, name: 'Pacific summit' }).waitFor();
  });

  const invitationsTable = () => admin.getByRole('table', { name: 'Invitations not yet accepted' });

  it('invites a pasted list into a delegation chosen by typing, and says what became of each address', async () => {
    await admin.getByText('Every invitation to this summit has been accepted or withdrawn.').waitFor();
    const opener = admin.getByRole('button', { name: 'Invite people' });
    await opener.click();
    const dialog = admin.getByRole('dialog', { name: 'Invite people into a delegation' });
    await dialog.waitFor();

    // Sent without a delegation: the alert says so and the delegation field has the focus.
    await dialog.getByRole('button', { name: 'Send the invitations' }).click();
    await dialog.getByRole('alert').getByText('Choose the delegation the people join.').waitFor();
    const delegation = dialog.getByRole('combobox', { name: 'Delegation' });
    expect(await delegation.evaluate((input) => input.matches(':focus'))).toBe(true);
    expect(await delegation.getAttribute('aria-invalid')).toBe('true');

    await delegation.fill('zeal');
    await admin.getByRole('listbox', { name: 'Delegation' }).getByRole('option', { name: /^New Zealand/ }).click();
    expect(await delegation.inputValue()).toBe('New Zealand');
    await dialog.getByLabel('Role in this summit').selectOption({ label: 'Head of delegation' });
    await dialog
      .getByLabel('Email addresses')
      .fill(['Name,E-mail', '"Ngata, Aroha",aroha@nz.example', 'not-an-address', 'Wiremu Tane <wiremu@nz.example>', 'AROHA@nz.example'].join('\n'));
    await dialog.getByRole('button', { name: 'Send the invitations' }).click();

    await dialog.getByRole('status').getByText('2 people invited: the mails are on their way.').waitFor();
    await dialog.getByText('1 not an email address').waitFor();
    await dialog.getByText('1 repeated in the list').waitFor();
    const skipped = dialog.getByRole('list').filter({ hasText: 'line 3' });
    await skipped.getByText('Not an email address.').waitFor();

    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((button) => button.matches(':focus'))).toBe(true);
    const rows = invitationsTable().getByRole('row');
    await rows.filter({ hasText: 'wiremu@nz.example' }).waitFor();
    const aroha = rows.filter({ hasText: 'aroha@nz.example' });
    await aroha.getByRole('cell').filter({ hasText: /^New Zealand/ }).getByText('Head of delegation').waitFor();
    await aroha.getByText(/^Once, on /).waitFor();

    // Mailed a moment ago: the row says from when it may go again, and the server's refusal is explained.
    await aroha.getByText(/^Can be mailed again from /).waitFor();
    await aroha.getByRole('button', { name: 'Mail again to aroha@nz.example' }).click();
    await admin.getByRole('alert').getByText(/was mailed a short while ago/).waitFor();
    expect(await suite.app.mailTo('aroha@nz.example')).toHaveLength(1);
  });

  it('asks before revoking an invitation, and keeps it when the question is cancelled', async () => {
    const revoke = admin.getByRole('button', { name: 'Revoke the invitation of wiremu@nz.example' });
    await revoke.click();
    const question = admin.getByRole('alertdialog', { name: 'Revoke the invitation of wiremu@nz.example?' });
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
    await invitationsTable().getByRole('row').filter({ hasText: 'wiremu@nz.example' }).waitFor();

    await revoke.click();
    await question.getByRole('button', { name: 'Revoke the invitation' }).click();
    await admin.getByRole('status').getByText('The invitation of wiremu@nz.example is revoked.').waitFor();
    await invitationsTable().getByRole('row').filter({ hasText: 'wiremu@nz.example' }).waitFor({ state: 'detached' });
    const token = await suite.app.invitationToken('wiremu@nz.example');
    await suite.app.http.get('/api/invitations/preview').query({ token }).expect(404);
  });

  it('brings the invitee who accepts the mailed link into the summit as head of the delegation', async () => {
    const token = await suite.app.invitationToken('aroha@nz.example');
    const invitee = (await suite.openBrowser({ timezoneId: 'Pacific/Auckland' })).page;
    await invitee.goto(`${suite.app.url}/invitation?token=${token}`);
    await invitee.getByLabel('Display name', { exact: true }).fill('Aroha Ngata');
    await invitee.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await invitee.getByLabel('Repeat the password', { exact: true }).fill(TEST_PASSWORD);
    await invitee.getByRole('button', { name: 'Create my account' }).click();
    await invitee.getByRole('heading', { level: 1, name: 'Pacific summit' }).waitFor();
    await invitee.getByText('Head of delegation', { exact: true }).first().waitFor();

    await admin.reload();
    const people = admin.getByRole('region', { name: 'People by delegation' });
    await people.getByRole('group').filter({ hasText: 'New Zealand' }).getByText('1 person').waitFor();
    const delegation = people.getByRole('list', { name: 'New Zealand' });
    await delegation.getByRole('listitem').filter({ hasText: 'Aroha Ngata' }).getByText('Head of delegation', { exact: true }).waitFor();
    await invitationsTable().waitFor({ state: 'detached' });
    await admin.getByText('Every invitation to this summit has been accepted or withdrawn.').waitFor();
  });
});
