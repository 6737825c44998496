/** Departments, their weight in a workforce, and the job titles people in them hold. */
export interface Department {
  name: string;
  weight: number;
  head: string;
  lead: string;
  titles: readonly string[];
  /** Frontline staff get F3 licences in larger customers. */
  frontline: boolean;
}

export const DEPARTMENTS: readonly Department[] = [
  {
    name: 'Finance',
    weight: 8,
    head: 'Finance Director',
    lead: 'Financial Controller',
    titles: ['Accountant', 'Accounts Payable Clerk', 'Payroll Specialist', 'Financial Analyst'],
    frontline: false,
  },
  {
    name: 'Sales',
    weight: 14,
    head: 'Sales Director',
    lead: 'Sales Team Lead',
    titles: [
      'Account Manager',
      'Sales Executive',
      'Business Development Manager',
      'Inside Sales Representative',
    ],
    frontline: false,
  },
  {
    name: 'Marketing',
    weight: 6,
    head: 'Marketing Director',
    lead: 'Marketing Manager',
    titles: ['Content Strategist', 'Digital Marketing Specialist', 'Brand Manager', 'Graphic Designer'],
    frontline: false,
  },
  {
    name: 'Operations',
    weight: 20,
    head: 'Operations Director',
    lead: 'Shift Supervisor',
    titles: ['Warehouse Operative', 'Logistics Coordinator', 'Fleet Coordinator', 'Operations Analyst'],
    frontline: true,
  },
  {
    name: 'Engineering',
    weight: 12,
    head: 'Head of Engineering',
    lead: 'Engineering Manager',
    titles: ['Software Engineer', 'Senior Software Engineer', 'QA Engineer', 'DevOps Engineer'],
    frontline: false,
  },
  {
    name: 'IT',
    weight: 5,
    head: 'IT Manager',
    lead: 'Infrastructure Lead',
    titles: ['Systems Administrator', 'Service Desk Analyst', 'Network Engineer'],
    frontline: false,
  },
  {
    name: 'Human Resources',
    weight: 5,
    head: 'HR Director',
    lead: 'HR Business Partner',
    titles: ['Recruiter', 'HR Assistant', 'Learning & Development Advisor'],
    frontline: false,
  },
  {
    name: 'Customer Service',
    weight: 15,
    head: 'Head of Customer Service',
    lead: 'Customer Service Team Lead',
    titles: ['Customer Service Advisor', 'Support Specialist', 'Complaints Handler'],
    frontline: true,
  },
  {
    name: 'Legal',
    weight: 3,
    head: 'General Counsel',
    lead: 'Senior Legal Counsel',
    titles: ['Paralegal', 'Compliance Officer', 'Contracts Manager'],
    frontline: false,
  },
  {
    name: 'Project Management Office',
    weight: 4,
    head: 'Head of PMO',
    lead: 'Programme Manager',
    titles: ['Project Manager', 'Project Coordinator', 'Business Analyst'],
    frontline: false,
  },
];

export const EXECUTIVE = { name: 'Executive', ceo: 'Chief Executive Officer' } as const;

/** Staff per team lead: a new lead is appointed every this many people in a department. */
export const TEAM_SPAN = 8;

/** Shared mailboxes customers keep (disabled accounts with a mailbox). */
export const SHARED_MAILBOXES = [
  'Info',
  'Accounts',
  'Reception',
  'Careers',
  'Support',
  'Invoices',
  'Bookings',
];

/** Service accounts found in real directories. */
export const SERVICE_ACCOUNTS = [
  { alias: 'svc-scanner', displayName: 'Scan to Email' },
  { alias: 'svc-backup', displayName: 'Backup Service Account' },
  { alias: 'svc-crm', displayName: 'CRM Integration' },
  { alias: 'svc-teamsroom', displayName: 'Boardroom Teams Room' },
  { alias: 'svc-printing', displayName: 'Print Service' },
  { alias: 'svc-monitoring', displayName: 'Monitoring Agent' },
];

/** Where guests come from. */
export const GUEST_DOMAINS = [
  'gmail.com',
  'outlook.com',
  'contractor.io',
  'auditfirm.co.uk',
  'agency-partners.com',
];
