// Pattern pages are bundled into the page as text by esbuild's text loader.
declare module '*.md' {
  const text: string;
  export default text;
}
