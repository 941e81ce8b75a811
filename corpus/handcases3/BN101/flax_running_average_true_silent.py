import flax.linen as nn


class FrozenHead(nn.Module):
    """BatchNorm pinned to its running averages (a frozen, imported head): the Dense bias is not cancelled."""

    @nn.compact
    def __call__(self, x):
        x = nn.Dense(256)(x)
        x = nn.BatchNorm(use_running_average=True)(x)
        return nn.Dense(10)(nn.relu(x))
