// date-holidays-parser ships its types as an ambient module declaration that its
// package "exports" do not point at; include it for the compiler.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an import would make this file a module, and the declaration no longer ambient
/// <reference path="../../node_modules/date-holidays-parser/types/index.d.ts" />
