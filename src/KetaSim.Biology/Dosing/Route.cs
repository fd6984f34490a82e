namespace KetaSim.Biology.Dosing;

/// <summary>How a dose enters the body. Each PK model says which routes it supports and where they go.</summary>
public enum Route
{
    IvBolus,
    IvInfusion,
    /// <summary>Nasal spray: devices of 28 mg (two sprays), 5 min apart within a session.</summary>
    Intranasal,
    Oral,
    Subcutaneous,
    Intramuscular,
    /// <summary>Intraperitoneal injection (mouse).</summary>
    Intraperitoneal,
}
