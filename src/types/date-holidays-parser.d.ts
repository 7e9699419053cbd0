// date-holidays-parser ships its types as an ambient module declaration that its
// package "exports" do not point at; include it for the compiler.
/// <reference path="../../node_modules/date-holidays-parser/types/index.d.ts" />
