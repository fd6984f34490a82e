// Every test file uses xunit; one global using instead of one per file.
global using Xunit;
