using Escalations.Runtime.Storage;
namespace Escalations.Runtime.Tests;

public class QueueDelayTests
{
    [Theory]
    [InlineData(-5.0, 0.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(0.2, 1.0)]
    [InlineData(1.7, 2.0)]
    [InlineData(3.0, 3.0)]
    public void Delays_round_up_to_whole_seconds_so_a_message_never_arrives_early(double seconds, double expected) =>
        Assert.Equal(TimeSpan.FromSeconds(expected), WorkQueues.Clamp(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Delays_past_the_service_limit_are_capped() =>
        Assert.Equal(QueueLimits.MaxVisibilityDelay, WorkQueues.Clamp(TimeSpan.FromDays(30)));
}
