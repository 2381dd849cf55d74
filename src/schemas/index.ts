// The content schemas, for tools that read or write a Disclose content folder.
export * from './advisory.ts';
export * from './common.ts';
export * from './organisation.ts';
export * from './policy.ts';
export * from './project.ts';
export * from './severity.ts';
export * from './timeline.ts';
