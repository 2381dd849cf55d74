import type { PolicyComponentName } from '../lib/policy-components.ts';
import AdvanceNotice from './AdvanceNotice.astro';
import Announcements from './Announcements.astro';
import BugBounty from './BugBounty.astro';
import Contacts from './Contacts.astro';
import CvePolicy from './CvePolicy.astro';
import DisclosureWindow from './DisclosureWindow.astro';
import HowToReport from './HowToReport.astro';
import OrganisationName from './OrganisationName.astro';
import PageLink from './PageLink.astro';
import PhaseTarget from './PhaseTarget.astro';
import ProjectList from './ProjectList.astro';
import ReportContents from './ReportContents.astro';
import Roles from './Roles.astro';
import Scope from './Scope.astro';
import SecurityEmail from './SecurityEmail.astro';
import SeverityTable from './SeverityTable.astro';
import SupportedVersions from './SupportedVersions.astro';
import Team from './Team.astro';
import TimelineTable from './TimelineTable.astro';

/** What policy MDX can use; typed by the checker's list, so the two cannot drift apart. */
export const policyComponents: Record<PolicyComponentName, unknown> = {
  AdvanceNotice,
  Announcements,
  BugBounty,
  Contacts,
  CvePolicy,
  DisclosureWindow,
  HowToReport,
  OrganisationName,
  PageLink,
  PhaseTarget,
  ProjectList,
  ReportContents,
  Roles,
  Scope,
  SecurityEmail,
  SeverityTable,
  SupportedVersions,
  Team,
  TimelineTable,
};
