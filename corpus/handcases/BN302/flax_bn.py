import flax.linen as nn


class Block(nn.Module):
    train: bool = True

    @nn.compact
    def __call__(self, x):
        x = nn.Conv(64, (3, 3), use_bias=False)(x)
        x = nn.BatchNorm(use_running_average=not self.train, momentum=0.1, epsilon=1e-5)(x)  # expect: BN302
        x = nn.relu(x)
        x = nn.Conv(64, (3, 3), use_bias=False)(x)
        x = nn.BatchNorm(use_running_average=not self.train, momentum=0.9)(x)
        return nn.relu(x)
