// RealPath and the source gate live in Core: every layer resolves and reads files by the same rules.
global using CodeContext.Core.Sources;
