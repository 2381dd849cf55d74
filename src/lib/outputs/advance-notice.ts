import { advisoryTitle } from '../advisory-view.ts';
import { renderAnnouncement } from './announcement.ts';
import { rfc3339, type AdvisorySource, type OutputContext } from './context.ts';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The advance notice for distributors of an embargoed advisory, with the lead time the policy
 * promises. Never part of the site: `disclose notice <id>` prints it for the maintainer to send.
 * Throws an Error saying what to change when there is nothing to notify about.
 */
export function renderAdvanceNotice(source: AdvisorySource, context: OutputContext, now: Date): string {
  const { data } = source;
  const notice = context.organisation.disclosure.advanceNotice;
  if (!notice) {
    throw new Error(
      'the policy promises no advance notice; add disclosure.advanceNotice (leadDays, recipients) to organisation.yaml',
    );
  }
  if (!data.embargo) {
    throw new Error(`${data.id} has no embargo; set embargo: <date-time of public disclosure> in its file`);
  }
  if (data.embargo <= now) {
    throw new Error(
      `${data.id}'s embargo (${rfc3339(data.embargo)}) has passed, so it is public; advance notice is for embargoed advisories`,
    );
  }
  const sendBy = new Date(data.embargo.getTime() - notice.leadDays * DAY);
  const lead = `${notice.approximate ? 'about ' : ''}${notice.leadDays} ${notice.leadDays === 1 ? 'day' : 'days'}`;
  const late = sendBy < now;
  const header = [
    `Subject: [EMBARGOED until ${rfc3339(data.embargo)}] ${data.id}: ${advisoryTitle(data)}`,
    `To: ${notice.recipients}`,
    '',
    `This is advance notice from ${context.organisation.name} of a vulnerability that is under embargo until ${rfc3339(data.embargo)}.`,
    'Do not disclose it, or release fixes that reveal it, before then.',
    '',
    `Public disclosure and the fixed releases: ${rfc3339(data.embargo)}.`,
    `Our policy sends this notice ${lead} ahead, on ${rfc3339(sendBy)}.${late ? ` That date has passed; send it now, ${Math.ceil((data.embargo.getTime() - now.getTime()) / DAY)} day(s) ahead, and say why it is late.` : ''}`,
    ...(notice.shortenedWhen ? [`${notice.shortenedWhen}`] : []),
    '',
    '---',
    '',
    '',
  ];
  return `${header.join('\n')}${renderAnnouncement(source, context)}`;
}
