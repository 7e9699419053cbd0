// One lint configuration for the whole tree: ESLint's recommended rules and
// typescript-eslint's type-aware recommended ones, which catch what the type check
// cannot (a promise nobody awaits, an async function passed where a callback must not
// be one, an assertion that hides nothing).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "src/generated/", "node_modules/", "coverage/", ".tap/", ".ci/node-*/", "public/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Fastify plugins and handlers are async by convention, awaiting or not.
      "@typescript-eslint/require-await": "off",
      // `const { secret: _secret, ...rest } = row` leaves a field out on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true, varsIgnorePattern: "^_", argsIgnorePattern: "^_" }],
      // tap runs every t.test() it is given and waits for it; the promise it returns
      // need not be awaited.
      "@typescript-eslint/no-floating-promises": ["error", { allowForKnownSafePromises: [{ from: "package", package: "@tapjs/core", name: "PromiseWithSubtest" }] }],
    },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    ...tseslint.configs.disableTypeChecked,
  },
);
