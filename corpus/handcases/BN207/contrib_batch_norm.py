import tensorflow as tf

slim = tf.contrib.slim


def net(inputs, is_training):
    with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm,
                        normalizer_params={"is_training": is_training}):
        x = slim.conv2d(inputs, 64, [3, 3])
        x = slim.conv2d(x, 64, [3, 3])
    return slim.fully_connected(slim.flatten(x), 10, activation_fn=None)


training = tf.placeholder(tf.bool)
logits = net(images, training)
loss = tf.losses.softmax_cross_entropy(onehot, logits)
opt = tf.train.GradientDescentOptimizer(0.1)
train_op = opt.minimize(loss)  # expect: BN207
