using System.Runtime.CompilerServices;

// The store's crash-simulation hook (ResultStore.TestHookMidBatch) is internal; its tests need it.
[assembly: InternalsVisibleTo("KetaSim.IO.Tests")]
