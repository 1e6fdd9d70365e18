using DeepWorkMap.Grains.Sessions;

namespace DeepWorkMap.UnitTests.Sessions;

/// <summary>The waitlist: first come, first seated, and those who move up are told their new place.</summary>
public sealed class WaitlistLineTests
{
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid(), D = Guid.NewGuid();

    [Fact]
    public void Places_count_from_one_in_arrival_order()
    {
        Guid[] line = [A, B, C];
        Assert.Equal([1, 2, 3], line.Select(u => WaitlistLine.Position(line, u)!.Value));
        Assert.Null(WaitlistLine.Position(line, D));
    }

    [Theory]
    [InlineData(10, 10, 3, 0)] // full: nobody moves
    [InlineData(10, 8, 3, 2)] // two free seats: the first two
    [InlineData(10, 5, 3, 3)] // more seats than waiting: the whole line
    [InlineData(10, 12, 3, 0)] // over capacity after it was lowered: nobody, and nobody is put out
    [InlineData(10, 8, 0, 0)]
    public void Free_seats_go_to_the_front_of_the_line_as_far_as_it_reaches(int capacity, int seated, int waiting, int toSeat) =>
        Assert.Equal(toSeat, WaitlistLine.ToSeat(capacity, seated, waiting));

    [Fact]
    public void Those_behind_someone_who_left_or_was_seated_move_up_and_are_told()
    {
        Assert.Equal([(C, 1), (D, 2)], WaitlistLine.Moved([A, B, C, D], [C, D]));
        Assert.Equal([(C, 2)], WaitlistLine.Moved([A, B, C], [A, C]));
    }

    [Fact]
    public void A_newcomer_at_the_end_and_those_who_kept_their_place_are_not_told()
    {
        Assert.Empty(WaitlistLine.Moved([A, B], [A, B, C]));
        Assert.Empty(WaitlistLine.Moved([], [A]));
    }
}
