import type { PolicyComponentName } from '../lib/policy-components.ts';
import AdvanceNotice from './AdvanceNotice.astro';
import Contacts from './Contacts.astro';
import DisclosureWindow from './DisclosureWindow.astro';
import HowToReport from './HowToReport.astro';
import OrganisationName from './OrganisationName.astro';
import PhaseTarget from './PhaseTarget.astro';
import ProjectList from './ProjectList.astro';
import ReportContents from './ReportContents.astro';
import Roles from './Roles.astro';
import Scope from './Scope.astro';
import SecurityEmail from './SecurityEmail.astro';
import SeverityTable from './SeverityTable.astro';
import SupportedVersions from './SupportedVersions.astro';
import TimelineTable from './TimelineTable.astro';

/** What policy MDX can use; typed by the checker's list, so the two cannot drift apart. */
export const policyComponents: Record<PolicyComponentName, unknown> = {
  AdvanceNotice,
  Contacts,
  DisclosureWindow,
  HowToReport,
  OrganisationName,
  PhaseTarget,
  ProjectList,
  ReportContents,
  Roles,
  Scope,
  SecurityEmail,
  SeverityTable,
  SupportedVersions,
  TimelineTable,
};
