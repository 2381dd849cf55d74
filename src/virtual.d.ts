declare module 'virtual:disclose/config' {
  const config: import('./integration/vite-plugin.ts').ResolvedConfig;
  export default config;
}
