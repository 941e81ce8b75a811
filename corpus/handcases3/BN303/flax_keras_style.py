import flax.linen as nn


class Block(nn.Module):
    @nn.compact
    def __call__(self, x, train: bool):
        x = nn.Conv(64, (3, 3), use_bias=False)(x)
        x = nn.BatchNorm(use_running_average=not train, eps=1e-5)(x)  # expect: BN303
        return nn.relu(x)
