using DuckDB.NET.Data;

namespace KetaSim.IO.Tests.Store;

/// <summary>The bundled native DuckDB library loads on this machine (everything else in Store/ depends on it).</summary>
public sealed class DuckDbSmokeTests
{
    [Fact]
    public void Native_library_loads_and_answers_a_query()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 40 + 2";
        Assert.Equal(42, Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
