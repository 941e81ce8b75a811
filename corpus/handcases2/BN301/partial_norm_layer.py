from functools import partial
import torch.nn as nn
from torchvision.models import resnet34

norm_layer = partial(nn.BatchNorm2d, momentum=0.95)  # expect: BN301
model = resnet34(norm_layer=norm_layer)
