namespace KetaSim.Numerics.Ode.Tableaus;

/// <summary>
/// Coefficients of the Dormand–Prince 5(4) pair (Dormand &amp; Prince 1980) as used in Hairer's DOPRI5,
/// with the order-4 continuous extension of Shampine (1986) in Hairer's <c>contd5</c> form.
/// </summary>
/// <remarks>
/// The seventh stage is evaluated at the new solution, so it is the first stage of the next step (FSAL).
/// E holds b - b̂ (fifth-order minus embedded fourth-order weights), so h Σ E_i k_i is the error estimate.
/// </remarks>
internal static class DormandPrince54Tableau
{
    public const double C2 = 1.0 / 5.0, C3 = 3.0 / 10.0, C4 = 4.0 / 5.0, C5 = 8.0 / 9.0;

    public const double A21 = 1.0 / 5.0;
    public const double A31 = 3.0 / 40.0, A32 = 9.0 / 40.0;
    public const double A41 = 44.0 / 45.0, A42 = -56.0 / 15.0, A43 = 32.0 / 9.0;
    public const double A51 = 19372.0 / 6561.0, A52 = -25360.0 / 2187.0, A53 = 64448.0 / 6561.0, A54 = -212.0 / 729.0;
    public const double A61 = 9017.0 / 3168.0, A62 = -355.0 / 33.0, A63 = 46732.0 / 5247.0, A64 = 49.0 / 176.0, A65 = -5103.0 / 18656.0;

    // Fifth-order weights; b2 = b7 = 0.
    public const double A71 = 35.0 / 384.0, A73 = 500.0 / 1113.0, A74 = 125.0 / 192.0, A75 = -2187.0 / 6784.0, A76 = 11.0 / 84.0;

    public const double E1 = 71.0 / 57600.0, E3 = -71.0 / 16695.0, E4 = 71.0 / 1920.0,
        E5 = -17253.0 / 339200.0, E6 = 22.0 / 525.0, E7 = -1.0 / 40.0;

    // Dense output (Hairer's DOPRI5, d1..d7; d2 = 0).
    public const double D1 = -12715105075.0 / 11282082432.0, D3 = 87487479700.0 / 32700410799.0,
        D4 = -10690763975.0 / 1880347072.0, D5 = 701980252875.0 / 199316789632.0,
        D6 = -1453857185.0 / 822651844.0, D7 = 69997945.0 / 29380423.0;
}
