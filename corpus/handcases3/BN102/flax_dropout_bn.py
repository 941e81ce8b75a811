import flax.linen as nn


class MLP(nn.Module):
    @nn.compact
    def __call__(self, x, train: bool):
        x = nn.Dense(128, use_bias=False)(x)
        x = nn.relu(x)
        x = nn.Dropout(rate=0.5, deterministic=not train)(x)  # expect: BN102
        x = nn.BatchNorm(use_running_average=not train)(x)
        return nn.Dense(1)(x)
