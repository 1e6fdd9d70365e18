namespace DeepWorkMap.Contracts.Sessions;

/// <summary>A session's shared timer: <see cref="Cycles"/> focus phases with a break between each two.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.TimerPlan")]
public sealed record TimerPlan(
    [property: Id(0)] int FocusMinutes,
    [property: Id(1)] int BreakMinutes,
    [property: Id(2)] int Cycles);
