import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { newPerson, signUp } from './helpers/auth';
import { openDeployPanel } from './helpers/deploy';
import { openEditor } from './helpers/editor';
import { at, chain, codeBlock, createWorkflow, deployWithForm, inputBlock, openFormAsStranger, outputBlock } from './helpers/executions';

// A hosted form: a person opens the link of a form trigger, fills in the fields made from the input block, submits,
// and reads the output of the run; a wrong value is shown beside its field and nothing runs.

test.describe.configure({ timeout: 120_000 });

const greeter = chain(
  inputBlock(at(0, 0), [
    { name: 'name', type: 'string', required: true, description: 'Who to greet' },
    { name: 'times', type: 'integer', default: 2 },
    { name: 'mood', type: 'string', enum: ['calm', 'loud'], default: 'calm' },
  ]),
  codeBlock('greet', 'const word = input.mood === "loud" ? "HELLO" : "hello"; return Array(input.times).fill(word + " " + input.name).join(", ");', at(240, 0)),
  outputBlock(at(480, 0), '{{greet}}'),
);

test('a person submits a hosted form and sees the output; a bad value is shown on its field', async ({ page, browser }) => {
  await signUp(page, newPerson('Former'));
  const workflowId = await createWorkflow(page, 'Greeter', greeter);
  const formUrl = await deployWithForm(page, workflowId, 'public');
  expect(formUrl).toMatch(/\/forms\/[0-9a-f-]{36}$/);

  // Someone without an account, in a fresh browser, opens the link.
  const stranger = await openFormAsStranger(browser, formUrl);
  await expect(stranger.getByRole('heading', { name: 'Greeter' })).toBeVisible();
  // One main landmark, not one inside the layout's: the landmark rules pass whatever their impact.
  const landmarkRules = ['landmark-one-main', 'landmark-no-duplicate-main', 'landmark-main-is-top-level', 'landmark-no-duplicate-banner', 'landmark-banner-is-top-level', 'landmark-unique', 'region'];
  const scan = await new AxeBuilder({ page: stranger }).withRules(landmarkRules).analyze();
  expect(scan.violations.map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) }))).toEqual([]);
  await expect(stranger.getByRole('main')).toHaveCount(1);
  await stranger.getByRole('textbox', { name: 'name (required)' }).fill('Ada');
  await stranger.getByLabel('times').fill('3');
  await stranger.getByLabel('mood').selectOption({ label: 'loud' });
  await stranger.getByRole('button', { name: 'Submit' }).click();
  await expect(stranger.getByTestId('form-output')).toHaveText('HELLO Ada, HELLO Ada, HELLO Ada');

  // A required field left empty: said on that field, and nothing runs.
  await stranger.getByRole('textbox', { name: 'name (required)' }).fill('');
  await stranger.getByRole('button', { name: 'Submit' }).click();
  await expect(stranger.getByText('is required')).toBeVisible();
  await stranger.context().close();

  const executions = await page.request.get(`/api/workflows/${workflowId}/executions`);
  const body = (await executions.json()) as { total: number; executions: { trigger: string }[] };
  expect(body.total).toBe(1);
  expect(body.executions[0].trigger).toBe('form');
});

test('a workspace form asks a stranger to sign in', async ({ page, browser }) => {
  await signUp(page, newPerson('Keeper'));
  const workflowId = await createWorkflow(page, 'Private', greeter);
  const formUrl = await deployWithForm(page, workflowId, 'workspace');
  const stranger = await openFormAsStranger(browser, formUrl);
  await expect(stranger).toHaveURL(/\/sign-in/);
  await stranger.context().close();
  // The owner, signed in, sees the form.
  await page.goto(new URL(formUrl).pathname);
  await expect(page.getByRole('heading', { name: 'Private' })).toBeVisible();
});

test('the Triggers section: a schedule shows its next runs as typed, a webhook its secret once', async ({ page }) => {
  await signUp(page, newPerson('Scheduler'));
  await openEditor(page, await createWorkflow(page, 'Morning', greeter));
  const panel = await openDeployPanel(page);
  const section = panel.getByRole('region', { name: 'Triggers' });
  const form = section.getByRole('form', { name: 'New trigger' });
  // Kinds, their labels and what each does come from the server's registry of trigger kinds.
  await expect(form.getByLabel('Kind').getByRole('option')).toHaveText(['Schedule', 'Webhook', 'Form']);
  await expect(form.getByText('Runs the deployed version on a cron schedule in a time zone.')).toBeVisible();
  await form.getByLabel('Cron').fill('30 7 * * *');
  await form.getByLabel('Time zone').fill('Asia/Tokyo');
  await expect(form.getByRole('list', { name: 'Next runs' }).getByRole('listitem')).toHaveCount(5);
  await form.getByLabel('Cron').fill('99 * * * *');
  await expect(form.getByText(/not a valid schedule|Invalid value/i)).toBeVisible();
  await form.getByLabel('Cron').fill('30 7 * * *');
  await form.getByRole('button', { name: 'Add trigger' }).click();
  await expect(section.getByTestId('trigger-row')).toHaveCount(1);
  await expect(section.getByTestId('trigger-row')).toContainText('Schedule');
  await expect(section.getByTestId('trigger-row').getByRole('list', { name: 'Next runs' }).getByRole('listitem')).toHaveCount(5);

  await form.getByLabel('Kind').selectOption('webhook');
  await form.getByLabel('Authentication').selectOption('github');
  await form.getByRole('button', { name: 'Add trigger' }).click();
  await expect(section.getByTestId('trigger-secret')).toContainText('whsec_');
  await expect(section.getByTestId('trigger-row')).toHaveCount(2);
  await section.getByRole('button', { name: 'Delete schedule trigger' }).click();
  await expect(section.getByTestId('trigger-row')).toHaveCount(1);
});
